{{ config(indexes=[{'columns': ['device_type']}]) }}

-- Grain: one row per (device_type, album_name, artist_name) with plays; null album/artist names form one group each.
-- Serves the dashboard's top albums, top artists and distinct artists for a device over all days
-- without reading silver_plays; rows are written in (device_type, album_name, artist_name) order so that
-- the lookup index reads neighbouring pages.

{{ play_count_rollup(['device_type', 'album_name', 'artist_name']) }}
