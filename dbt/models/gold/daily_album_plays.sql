{{ config(indexes=[{'columns': ['day']}]) }}

-- Grain: one row per (UTC day, album_name, artist_name) with plays; null album/artist names form one group each.
-- Serves the dashboard's top albums, top artists and distinct artists for a date range across all devices
-- without reading silver_plays; rows are written in (day, album_name, artist_name) order so that
-- the lookup index reads neighbouring pages.

{{ play_count_rollup(['day', 'album_name', 'artist_name']) }}
