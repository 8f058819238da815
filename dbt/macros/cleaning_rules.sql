{#
  The cleaning rules of bronze events, each written once. The staging models
  (models/staging/stg_*.sql) apply them to every bronze row: the cleaned columns,
  `is_valid_duration` and `reject_reason`. Silver reads only those results: silver_plays keeps
  the earliest copy of an event whose reject_reason is null, silver_plays_rejected lists the
  others with that reason (or 'duplicate'), silver_skips and silver_likes keep the same way and
  flag is_valid_duration.
#}

{#- An event id: text → uuid only when it is a well-formed UUID, else null (never a cast error). -#}
{% macro safe_uuid(expr) -%}
    case when {{ expr }} ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
         then cast({{ expr }} as uuid) end
{%- endmacro %}

{#- A listener id: trimmed, null when empty. -#}
{% macro clean_user_id(expr) -%}
    nullif(trim({{ expr }}), '')
{%- endmacro %}

{#- Normalised device type: lower-cased, trimmed, 'unknown' when missing. -#}
{% macro clean_device(expr) -%}
    coalesce(nullif(lower(trim({{ expr }})), ''), 'unknown')
{%- endmacro %}

{#- A track length is valid within (0, 600000) ms, exclusive; null is not valid. Never null. -#}
{% macro valid_duration(expr) -%}
    coalesce({{ expr }} > 0 and {{ expr }} < 600000, false)
{%- endmacro %}

{#- Why silver leaves a bronze row out, or null when the row is clean: the first rule it breaks,
    in this order (silver_plays_rejected's, which puts 'duplicate', a later copy of an event, right
    after invalid_event_id). Over a staging model's cleaned columns: event_id (safe_uuid), user_id
    (clean_user_id), track_id, `event_time` and, when `duration_required`, duration_ms
    (valid_duration: plays need one; skips and likes only flag it). -#}
{% macro reject_reason(event_time, duration_required) -%}
    case
            when event_id is null then 'invalid_event_id'
            when user_id is null then 'null_user_id'
            when track_id is null or {{ event_time }} is null then 'missing_track_or_time'
            {%- if duration_required %}
            when not {{ valid_duration('duration_ms') }} then 'invalid_duration'
            {%- endif %}
        end
{%- endmacro %}
