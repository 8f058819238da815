{{ config(indexes=[{'columns': ['device_type', 'day']}]) }}

-- Grain: one row per (UTC day, device_type, album_name, artist_name) with plays; null album/artist names form one group each.
-- Serves the dashboard's top albums, top artists and distinct artists for a device over a date range
-- without reading silver_plays; rows are written in (device_type, day, album_name, artist_name) order so that
-- the lookup index reads neighbouring pages.

{{ play_count_rollup(['day', 'device_type', 'album_name', 'artist_name'], order_by=['device_type', 'day', 'album_name', 'artist_name']) }}
