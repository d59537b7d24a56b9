CREATE TABLE p (a integer, b integer);
CREATE UNIQUE INDEX p_ab ON p (a, b);
CREATE TABLE c (a integer, b integer, FOREIGN KEY (a, b) REFERENCES p (a, b));
