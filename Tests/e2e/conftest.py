"""End-to-end checks against the running stack of `deploy/stack test` (or `deploy/stack up` after
`eval "$(deploy/stack env)"`). A missing stack is a failure, never a skip."""
import pytest

from stack_client import Stack, StackError


@pytest.fixture(scope="session")
def stack():
    try:
        stack = Stack()
    except StackError as error:
        pytest.fail(str(error))
    stack.wait_ready(timeout=60)
    return stack
