{{ config(indexes=[{'columns': ['device_type']}]) }}

-- Grain: one row per (device_type, track_id) with plays.
-- Serves the dashboard's top tracks and distinct tracks for a device over all days
-- without reading silver_plays; rows are written in (device_type, track_id) order so that
-- the lookup index reads neighbouring pages.

{{ play_count_rollup(['device_type', 'track_id'], names=['track_name', 'artist_name']) }}
