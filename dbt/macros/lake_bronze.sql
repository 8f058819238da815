{#
  Bronze for an engine without warehouse-loader (issue #19): the duckdb target reads the lake.

  The project's on-run-start hook (dbt_project.yml) calls lake_bronze(). On PostgreSQL it renders
  nothing (the hook sends no SQL): warehouse-loader owns and fills bronze. On DuckDB it makes, at
  the start of every run, one view per bronze event table of models/bronze_sources.yml (the
  tables whose `meta.lake_dataset` names a folder of the lake), in the source's own schema, so
  `source('bronze', ...)` is the same relation name on both engines and the models do not know
  which one they read. The views hold what PostgreSQL's bronze holds (docs/CONTRACT.md 3 and 4):

  - the rows of every file under <lake>/bronze/<dataset>/year=*/month=*/day=*/hour=*/, read with
    read_parquet over that hive layout. The folder names (year .. hour) are not read as columns
    (hive_partitioning = false): they are the UTC hour of `played_at`, which is a column already,
    and no bronze column comes from them;
  - once per Kafka record (`_kafka_partition`, `_kafka_offset`, `event_id`: bronze's unique key).
    While lake-writer compacts an hour, its new file and the rolls it replaces are both in the
    lake, and a replay after a crash can write a record into two rolls: the copy kept is the one
    consumed first (`_ingested_at`), then the first file by name, so the choice never depends on
    the plan;
  - the two columns the loader adds, derived from the lake: `_source_file` is the kept copy's
    file as a lake key (`bronze/<dataset>/...parquet`, the path below the LAKE_URI folder, as the
    loader writes it), and `_loaded_at` is the record's `_ingested_at`. The lake has no load time;
    `_ingested_at` is the nearest stable one: lake-writer stamps it when it consumes the record,
    compaction copies it unchanged, and a file holds its records within
    LAKE_WRITER_FLUSH_MAX_SECONDS of it. So the incremental models' watermark works as on
    PostgreSQL as long as a record reaches the lake within `silver_lookback_minutes` of being
    consumed (a lake-writer stuck for longer than that: build with --full-refresh);
  - every column cast to its `data_type` in models/bronze_sources.yml (the PostgreSQL column
    types), the one definition of the columns for both engines.

  A dataset without any file yet (no likes so far) is an empty view with the same columns. A lake
  without any file at all is an error: that is a wrong LAKE_URI far more often than a new lake.
  The views are read when the models run: a dbt run over a lake that lake-writer is writing to can
  see a file appear (or a compacted roll vanish, an error) between two models; build it over a
  quiet lake, as `dbt/run-checks` does.
#}

{% macro lake_bronze() -%}
    {{- adapter.dispatch('lake_bronze')() -}}
{%- endmacro %}

{#- PostgreSQL (and any engine with a loader): bronze is there already. -#}
{% macro default__lake_bronze() -%}
{%- endmacro %}

{% macro duckdb__lake_bronze() -%}
    {#- hooks are rendered once at parse time too, without a database -#}
    {%- if not execute -%}{{ return('') }}{%- endif -%}
    {%- set root = lake_root() -%}
    {%- set tables = [] -%}
    {%- for node in graph.sources.values() | sort(attribute='unique_id') -%}
        {%- set dataset = node.config.meta.get('lake_dataset') or node.meta.get('lake_dataset') -%}
        {%- if node.source_name == 'bronze' and dataset -%}
            {%- set pattern = root ~ '/bronze/' ~ dataset ~ '/year=*/month=*/day=*/hour=*/*.parquet' -%}
            {%- set files = run_query("select count(*) from glob('" ~ sql_string(pattern) ~ "')").columns[0].values()[0] -%}
            {%- do tables.append({'node': node, 'dataset': dataset, 'pattern': pattern, 'files': files}) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- if tables | length == 0 -%}
        {{ exceptions.raise_compiler_error("lake_bronze: no bronze source has meta.lake_dataset (models/bronze_sources.yml)") }}
    {%- endif -%}
    {%- if tables | map(attribute='files') | sum == 0 -%}
        {{ exceptions.raise_compiler_error(
            "LAKE_URI=" ~ env_var('LAKE_URI') ~ " holds no bronze Parquet files (" ~ root
            ~ "/bronze/<dataset>/year=*/month=*/day=*/hour=*/*.parquet): wrong LAKE_URI, or a lake nothing was written to yet") }}
    {%- endif -%}
    {%- for table in tables -%}
        {%- set node = table.node -%}
        {%- set relation = api.Relation.create(database=node.database, schema=node.schema, identifier=node.identifier, type='view') -%}
        {{ log("lake_bronze: " ~ relation ~ " <- " ~ table.files ~ " files of " ~ table.pattern, info=true) }}
        {%- do run_query("create schema if not exists " ~ relation.include(identifier=false)) -%}
        {%- do run_query(lake_bronze_view_sql(relation, node, table.pattern, table.files > 0, root)) -%}
    {%- endfor -%}
    {%- do adapter.commit() -%}
{%- endmacro %}

{#- The lake folder of LAKE_URI (the variable every service reads), without a trailing slash. -#}
{% macro lake_root() -%}
    {%- set uri = env_var('LAKE_URI', '') -%}
    {%- if uri == '' -%}
        {{ exceptions.raise_compiler_error("LAKE_URI is not set: the duckdb target reads bronze from the lake (LAKE_URI=file:///absolute/path)") }}
    {%- elif uri.startswith('s3://') -%}
        {{ exceptions.raise_compiler_error(
            "LAKE_URI=" ~ uri ~ ": the duckdb target reads only a file:// lake. An S3 lake would need DuckDB's httpfs "
            ~ "extension (downloaded at run time) and the S3 credential chain of docs/CONTRACT.md section 3, which it does not set up") }}
    {%- elif not uri.startswith('file:///') -%}
        {{ exceptions.raise_compiler_error("LAKE_URI=" ~ uri ~ ": expected file:///absolute/path (or s3://, which the duckdb target does not read)") }}
    {%- endif -%}
    {{ return(uri[7:].rstrip('/')) }}
{%- endmacro %}

{#- A value inside a single-quoted SQL string. -#}
{% macro sql_string(value) -%}
    {{- value | replace("'", "''") -}}
{%- endmacro %}

{#- The view of one bronze table: its columns in the source's order and types. -#}
{% macro lake_bronze_view_sql(relation, node, pattern, has_files, root) -%}
    {%- set derived = {
        '_source_file': "substr(filename, " ~ (root | length + 2) ~ ")",
        '_loaded_at': '_ingested_at',
    } -%}
    {%- for column in node.columns.values() if not column.data_type -%}
        {{ exceptions.raise_compiler_error("bronze." ~ node.name ~ "." ~ column.name ~ " has no data_type in models/bronze_sources.yml") }}
    {%- endfor -%}
create or replace view {{ relation }} as
{%- if has_files %}
-- bronze.{{ node.name }} read from the lake (macros/lake_bronze.sql)
with lake_rows as (

    -- every copy of every record, with the file it is in
    select *
    from read_parquet('{{ sql_string(pattern) }}', filename = true, hive_partitioning = false)

),

records as (

    -- once per Kafka record: the copy consumed first, then the first file by name
    select *
    from lake_rows
    qualify row_number() over (
        partition by _kafka_partition, _kafka_offset, event_id
        order by _ingested_at, filename
    ) = 1

)

select
    {%- for column in node.columns.values() %}
    cast({{ derived.get(column.name, adapter.quote(column.name)) }} as {{ column.data_type }}) as {{ adapter.quote(column.name) }}{{ ',' if not loop.last }}
    {%- endfor %}
from records
{%- else %}
-- no file in the lake yet: bronze.{{ node.name }} is empty, with its columns
select
    {%- for column in node.columns.values() %}
    cast(null as {{ column.data_type }}) as {{ adapter.quote(column.name) }}{{ ',' if not loop.last }}
    {%- endfor %}
where false
{%- endif %}
{%- endmacro %}
