CREATE TABLE account (id integer PRIMARY KEY, name varchar(50) NOT NULL);
CREATE TABLE zone (id integer PRIMARY KEY, name text);
CREATE TABLE address (id integer PRIMARY KEY, zone_id integer REFERENCES zone (id), account_id integer REFERENCES account (id) ON DELETE CASCADE);
