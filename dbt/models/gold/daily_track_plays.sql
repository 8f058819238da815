{{ config(indexes=[{'columns': ['day']}]) }}

-- Grain: one row per (UTC day, track_id) with plays.
-- Serves the dashboard's top tracks and distinct tracks for a date range across all devices
-- without reading silver_plays; rows are written in (day, track_id) order so that
-- the lookup index reads neighbouring pages.

{{ play_count_rollup(['day', 'track_id'], names=['track_name', 'artist_name']) }}
