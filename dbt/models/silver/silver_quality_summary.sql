-- Grain: one row per (dataset, check_name). Makes what silver dropped or flagged visible:
-- bronze row counts, duplicates, rejected rows by reason, rows kept, and flag counts.

with plays_rejected as (

    select reject_reason, count(*) as row_count
    from {{ ref('silver_plays_rejected') }}
    group by reject_reason

),

bronze_counts as (

    -- every bronze row (the staging views have one per row) and its distinct event ids as sent
    select 'plays' as dataset, count(*) as bronze_rows, count(distinct bronze_event_id) as distinct_events
    from {{ ref('stg_plays') }}
    union all
    select 'skips', count(*), count(distinct bronze_event_id) from {{ ref('stg_skips') }}
    union all
    select 'likes', count(*), count(distinct bronze_event_id) from {{ ref('stg_likes') }}
    union all
    select 'now_playing', count(*), count(distinct bronze_event_id) from {{ ref('stg_currently_playing') }}

),

silver_counts as (

    select 'plays' as dataset, count(*) as silver_rows from {{ ref('silver_plays') }}
    union all
    select 'skips', count(*) from {{ ref('silver_skips') }}
    union all
    select 'likes', count(*) from {{ ref('silver_likes') }}

),

play_flags as (

    select
        count(*) filter (where not is_known_device)              as unknown_device,
        count(*) filter (where is_future)                        as future_timestamp,
        count(*) filter (where is_very_old)                      as very_old_timestamp,
        count(*) filter (where has_missing_optional_fields)      as missing_optional_fields
    from {{ ref('silver_plays') }}

),

checks as (

    select dataset, 'bronze_rows' as check_name, bronze_rows as row_count from bronze_counts
    union all
    select dataset, 'duplicate_rows', bronze_rows - distinct_events from bronze_counts
    union all
    select dataset, 'silver_rows', silver_rows from silver_counts
    union all
    select 'plays', 'rejected_' || reason, coalesce(r.row_count, 0)
    from (values ('invalid_event_id'), ('duplicate'), ('null_user_id'),
                 ('missing_track_or_time'), ('invalid_duration')) as reasons(reason)
    left join plays_rejected r on r.reject_reason = reasons.reason
    union all
    select 'plays', 'flag_unknown_device', unknown_device from play_flags
    union all
    select 'plays', 'flag_future_timestamp', future_timestamp from play_flags
    union all
    select 'plays', 'flag_very_old_timestamp', very_old_timestamp from play_flags
    union all
    select 'plays', 'flag_missing_optional_fields', missing_optional_fields from play_flags

),

final as (

    select dataset, check_name, cast(row_count as bigint) as row_count
    from checks

)

select * from final
