-- Grain: one row per bronze.currently_playing row (now-playing events), every loaded copy of an
-- event. No silver model reads them yet (silver_quality_summary counts them): the renaming, the
-- casts and the cleaning rules (macros/cleaning_rules.sql) every event table shares, so a future
-- reader starts from cleaned columns. Duration is flagged (is_valid_duration), not a reject
-- reason, as for skips and likes. A view, which PostgreSQL inlines into its readers.

{{ stage_bronze_events('currently_playing', event_time='played_at', duration_required=false) }}
