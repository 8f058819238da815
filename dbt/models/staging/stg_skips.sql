-- Grain: one row per bronze.skips row, every loaded copy of an event (silver_skips keeps the
-- earliest). The renaming (played_at is occurred_at), the casts and the cleaning rules
-- (macros/cleaning_rules.sql): nothing that needs another row. A duration outside the valid range
-- is flagged (is_valid_duration), not a reject reason. A view, which PostgreSQL inlines into its
-- readers, so an incremental silver model's filter on `_loaded_at` or `event_id` still reaches
-- bronze's indexes.

{{ stage_bronze_events('skips', event_time='occurred_at', duration_required=false) }}
