-- Run once by the postgres image when its volume is new (docker-entrypoint-initdb.d):
-- Airflow's metadata gets a database of its own beside the warehouse `spotify_data`.
CREATE DATABASE airflow;
