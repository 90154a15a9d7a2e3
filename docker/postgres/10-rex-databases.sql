-- One database per service (each owns its schema through its Flyway migrations). Run once by the postgres image
-- on an empty data volume (docker-entrypoint-initdb.d); `rex up` creates the same databases on embedded PostgreSQL.
CREATE DATABASE rex_preprocessing OWNER rex;
CREATE DATABASE rex_explanation OWNER rex;
CREATE DATABASE rex_training OWNER rex;
CREATE DATABASE rex_inference OWNER rex;
CREATE DATABASE rex_evaluation OWNER rex;
