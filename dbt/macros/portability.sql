{#
  What PostgreSQL and DuckDB spell differently (issue #19: the project on a second engine).
  default__ is the PostgreSQL spelling the project was written in, so the warehouse's SQL is
  unchanged; duckdb__ is DuckDB's. Except first_row_per (last): there default__ is the common
  spelling (`qualify`) and postgres__ PostgreSQL's. Everything else in the models is SQL both
  engines read the same way (checked by `dbt build --target duckdb` in dbt/run-checks).
#}

{#- Rounding to decimal places, as PostgreSQL rounds numeric. PostgreSQL divides numerics exactly
    (3056.1 s / 60.0 = 50.935, rounded to 50.94) and converts a double to numeric at 15
    significant digits before round(x::numeric, n). DuckDB divides DECIMALs in binary floating
    point (50.934999999999995, which round() takes to 50.93), and its bare NUMERIC is
    DECIMAL(18,3), which would cut a fourth decimal before round(x, 4) sees it. So on DuckDB the
    value becomes DECIMAL(38,12) first: 12 decimals drop the binary error of the division, as
    PostgreSQL's 15 digits do, and round() then works on a decimal (half away from zero, as
    PostgreSQL). dbt.type_numeric() (6 decimals) would round twice: 13.32544999 -> 13.325450 ->
    13.3255 where PostgreSQL gives 13.3254.
    as_numeric(expr): PostgreSQL's (expr)::numeric, for a double to be rounded. -#}
{% macro as_numeric(expr) -%}
    {{- adapter.dispatch('as_numeric')(expr) -}}
{%- endmacro %}
{% macro default__as_numeric(expr) -%}
    ({{ expr }})::numeric
{%- endmacro %}
{% macro duckdb__as_numeric(expr) -%}
    cast({{ expr }} as decimal(38, 12))
{%- endmacro %}

{#- round_numeric(expr, places): round() of an expression that is numeric on PostgreSQL (a
    quotient of numerics or integers cast to numeric): unchanged there, as_numeric first on DuckDB. -#}
{% macro round_numeric(expr, places) -%}
    {{- adapter.dispatch('round_numeric')(expr, places) -}}
{%- endmacro %}
{% macro default__round_numeric(expr, places) -%}
    round({{ expr }}, {{ places }})
{%- endmacro %}
{% macro duckdb__round_numeric(expr, places) -%}
    round({{ as_numeric(expr) }}, {{ places }})
{%- endmacro %}

{#- A JSON array of one JSON object per row, in `order_by` order: an aggregate.
    fields: [(key, expression)], the object's members in order. -#}
{% macro json_objects_array(fields, order_by) -%}
    {{- adapter.dispatch('json_objects_array')(fields, order_by) -}}
{%- endmacro %}
{% macro default__json_objects_array(fields, order_by) -%}
    json_agg(json_build_object(
        {%- for key, expr in fields %}
            '{{ key }}', {{ expr }}{{ ',' if not loop.last }}
        {%- endfor %}
        ) order by {{ order_by }})
{%- endmacro %}
{#- json_group_array takes no ORDER BY in DuckDB; list() does, and to_json makes the list one
    JSON array (numbers keep their shortest exact form, as PostgreSQL's json does). -#}
{% macro duckdb__json_objects_array(fields, order_by) -%}
    to_json(list(json_object(
        {%- for key, expr in fields %}
            '{{ key }}', {{ expr }}{{ ',' if not loop.last }}
        {%- endfor %}
        ) order by {{ order_by }}))
{%- endmacro %}

{#- The elements of a JSON array with their 1-based position, as a lateral FROM item: follow it
    with `as alias(value, position)`. -#}
{% macro json_array_elements_with_position(json_expr) -%}
    {{- adapter.dispatch('json_array_elements_with_position')(json_expr) -}}
{%- endmacro %}
{% macro default__json_array_elements_with_position(json_expr) -%}
    lateral json_array_elements({{ json_expr }}) with ordinality
{%- endmacro %}
{% macro duckdb__json_array_elements_with_position(json_expr) -%}
    unnest(cast({{ json_expr }} as json[])) with ordinality
{%- endmacro %}

{#- Indexes (the models' `indexes` config) serve PostgreSQL's readers: recommender-api and the
    dashboard look rows up by key. Nothing reads the duckdb target's tables by key, and DuckDB's
    indexes are in-memory ART trees, kept up to date by every delete+insert: a cost for no reader.
    dbt-duckdb would make them; this project's own create_indexes wins the dispatch. -#}
{% macro duckdb__create_indexes(relation) -%}
{%- endmacro %}

{#- The first row of each group, in an order: PostgreSQL's `distinct on`, which Snowflake and most
    engines lack. first_row_per(partition_by, order_by, columns, from) is one whole select:
      partition_by: the group's key expressions (a list);
      order_by:     which row of a group is first (SQL after `order by`; make it total, ties
                    broken by a key, so both spellings pick the same row);
      columns:      the select list;
      from:         everything after `from` (joins, where).
    default__ is `qualify row_number() ... = 1` (Snowflake, DuckDB, BigQuery, Databricks: the
    duckdb target runs this spelling, so `Tests/warehouse/test_duckdb_target.py` checks it picks the
    rows PostgreSQL's does); postgres__ is `distinct on`, which PostgreSQL plans as one sort and
    no window. -#}
{% macro first_row_per(partition_by, order_by, columns, from) -%}
    {{- adapter.dispatch('first_row_per')(partition_by, order_by, columns, from) -}}
{%- endmacro %}
{% macro postgres__first_row_per(partition_by, order_by, columns, from) -%}
    select distinct on ({{ partition_by | join(', ') }})
        {{ columns }}
    from {{ from }}
    order by {{ partition_by | join(', ') }}, {{ order_by }}
{%- endmacro %}
{% macro default__first_row_per(partition_by, order_by, columns, from) -%}
    select
        {{ columns }}
    from {{ from }}
    qualify row_number() over (partition by {{ partition_by | join(', ') }} order by {{ order_by }}) = 1
{%- endmacro %}
