-- Grain: one row per bronze.plays row, every loaded copy of an event (silver_plays keeps the
-- earliest). The renaming, the casts and the cleaning rules (macros/cleaning_rules.sql): nothing
-- that needs another row. A view, which PostgreSQL inlines into its readers, so an incremental
-- silver model's filter on `_loaded_at` or `event_id` still reaches bronze's indexes.

{{ stage_bronze_events('plays', event_time='played_at', duration_required=true) }}
