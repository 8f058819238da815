{{ config(indexes=[{'columns': ['device_type', 'day']}]) }}

-- Grain: one row per (UTC day, device_type, track_id) with plays.
-- Serves the dashboard's top tracks and distinct tracks for a device over a date range
-- without reading silver_plays; rows are written in (device_type, day, track_id) order so that
-- the lookup index reads neighbouring pages.

{{ play_count_rollup(['day', 'device_type', 'track_id'], names=['track_name', 'artist_name'], order_by=['device_type', 'day', 'track_id']) }}
