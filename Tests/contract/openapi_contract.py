"""One check for every contract test: a real response against the OpenAPI document its service serves."""
from openapi_schema_validator import OAS30Validator


def check_against_document(openapi, path, method, response):
    """The status is documented for the operation (a `$ref` to components/responses is followed),
    the media type is one it lists, a JSON body matches its schema, and its headers are present."""
    documented = openapi["paths"][path][method]["responses"]
    status = str(response.status_code)
    assert status in documented, \
        f"{method.upper()} {path} answered {status}, which the document does not list: {response.text[:300]}"
    entry = documented[status]
    if "$ref" in entry:
        entry = openapi["components"]["responses"][entry["$ref"].split("/")[-1]]
    content = entry.get("content", {})
    media = response.headers["Content-Type"].split(";")[0].strip()
    assert media in content, f"{status} answered {media}, the document says {list(content)}"
    if media == "application/json":
        schema = dict(content[media]["schema"])
        schema["components"] = openapi["components"]
        OAS30Validator(schema).validate(response.json())
    for header in entry.get("headers", {}):
        assert header in response.headers, f"{status} lacks the documented {header} header"
