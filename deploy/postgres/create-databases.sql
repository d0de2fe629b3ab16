-- One database per service (docs/architecture.md: Persistence). Run once by the postgres image on an empty volume.
CREATE DATABASE gateway;
CREATE DATABASE routing;
CREATE DATABASE catalog;
CREATE DATABASE analytics;
