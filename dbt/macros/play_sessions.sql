{#
  silver_play_sessions' incremental steps (models/silver/silver_play_sessions.sql).

  A run numbers again, for each listener with new plays, their plays from the session that held
  their last play before the earliest new one. When new plays fall before most of what listeners
  already played (a replayed week, a backfill), that is most of the table, and deleting and
  inserting each of those rows by event_id cost three times a full build (18.0 s against 5.7 s). So a run whose
  plays to number again are at least var('sessions_renumber_all_share') of the table numbers
  every play again, as a full build does, and the `renumbered` strategy then replaces the table
  as a full build does instead of deleting and inserting each row (one transaction: readers see
  the old rows or the new ones).
#}

{#- The CTEs `new_plays (user_id, first_new_at)` and `restarts (user_id, restart_number, restart_at)`:
    the listeners with plays not numbered yet, and where their numbering starts again. -#}
{% macro play_session_restarts() -%}
new_plays as (

    select plays.user_id, min(plays.played_at) as first_new_at
    from {{ ref('silver_plays') }} plays
    where {{ loaded_in_window('plays') }}
      and not exists (select 1 from {{ this }} existing where existing.event_id = plays.event_id)
    group by plays.user_id

),

restarts as (

    -- the session of the user's last play before their earliest new one (none: from the start)
    select
        new_plays.user_id,
        coalesce(previous.session_number, 1) as restart_number,
        coalesce((
            select min(first_play.played_at) from {{ this }} first_play
            where first_play.user_id = new_plays.user_id
              and first_play.session_number = previous.session_number
        ), '-infinity'::timestamptz) as restart_at
    from new_plays
    left join lateral (
        select existing.session_number
        from {{ this }} existing
        where existing.user_id = new_plays.user_id and existing.played_at < new_plays.first_new_at
        order by existing.played_at desc, existing.event_id desc
        limit 1
    ) previous on true

)
{%- endmacro %}

{#- Whether this incremental run numbers only some listeners' later plays again (true), or every
    play (false: the share to number again reached var('sessions_renumber_all_share')). -#}
{% macro play_sessions_in_part() -%}
    {%- if not incremental_with(['_loaded_at', '_rebuilt_at']) -%}{{ return(false) }}{%- endif -%}
    {%- if not execute -%}{{ return(true) }}{%- endif -%}
    {%- set share_query -%}
        with {{ play_session_restarts() }}
        select
            (select count(*) from {{ this }} existing
             join restarts on restarts.user_id = existing.user_id and existing.played_at >= restarts.restart_at),
            (select count(*) from {{ this }})
    {%- endset -%}
    {%- set row = run_query(share_query).rows[0] -%}
    {%- set again, total = row[0], row[1] -%}
    {%- set share = var('sessions_renumber_all_share') -%}
    {%- if total > 0 and again >= share * total -%}
        {{ log("silver_play_sessions: numbering every play again (" ~ again ~ " of " ~ total
               ~ " rows to number again, at least " ~ share ~ " of the table)", info=true) }}
        {{ return(false) }}
    {%- endif -%}
    {{ return(true) }}
{%- endmacro %}

{#- Incremental strategy `renumbered`: when the rows written are every play in silver_plays (a
    run that numbered every play again: they are unique by event_id and taken from silver_plays,
    so equal counts mean equal sets), the table is replaced as a full build replaces it: a new
    table with the rows, its indexes made once, swapped in by renaming, in the run's transaction.
    Inserting those rows into the indexed table instead (two indexes on random uuids and hashes)
    kept the model at 18 s on a replayed week at 1M events; the swap took it to 8.5 s (docs/
    reports/transformation-week-2026-12-07*.json). Otherwise delete+insert by event_id. The decision
    rests on what was written, not on the run's estimate, so no row the run did not write again is
    ever dropped.
    PostgreSQL only: the swap is there for its indexes, which other engines do not get
    (macros/portability.sql); they delete and insert by event_id on every incremental run. -#}
{% macro get_incremental_renumbered_sql(arg_dict) -%}
    {{- adapter.dispatch('get_incremental_renumbered_sql')(arg_dict) -}}
{%- endmacro %}

{% macro default__get_incremental_renumbered_sql(arg_dict) -%}
    {{- get_incremental_delete_insert_sql(arg_dict) -}}
{%- endmacro %}

{% macro postgres__get_incremental_renumbered_sql(arg_dict) -%}
    {%- set temp = arg_dict['temp_relation'] -%}
    {%- set target = arg_dict['target_relation'] -%}
    {%- set counts = run_query("select (select count(*) from " ~ temp ~ "), (select count(*) from " ~ ref('silver_plays') ~ ")").rows[0] -%}
    {%- if counts[0] == counts[1] -%}
        {%- set columns = get_quoted_csv(arg_dict['dest_columns'] | map(attribute='name')) -%}
        {%- set replacement = target.incorporate(path={'identifier': target.identifier ~ '__renumbered'}) -%}
        {%- set previous = target.incorporate(path={'identifier': target.identifier ~ '__previous'}) -%}
drop table if exists {{ replacement }};
drop table if exists {{ previous }};
create table {{ replacement }} as select {{ columns }} from {{ temp }};
{% for index in config.get('indexes', []) -%}
{{ get_create_index_sql(replacement, index) }};
{% endfor -%}
alter table {{ target }} rename to {{ previous.identifier }};
alter table {{ replacement }} rename to {{ target.identifier }};
drop table {{ previous }}
    {%- else -%}
{{ get_incremental_delete_insert_sql(arg_dict) }}
    {%- endif -%}
{%- endmacro %}
