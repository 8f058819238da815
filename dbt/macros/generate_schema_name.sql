{#- Models land exactly in their configured schema (silver, gold), not <target>_silver.
    var('schema_prefix') lets tests build a second copy side by side (e.g. t1_silver). -#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}
        {{ target.schema | trim }}
    {%- else -%}
        {{ var('schema_prefix', '') ~ (custom_schema_name | trim) }}
    {%- endif -%}
{%- endmacro %}
