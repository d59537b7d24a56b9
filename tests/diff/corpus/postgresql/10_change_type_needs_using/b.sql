CREATE TABLE reading (id integer PRIMARY KEY, value numeric(8,2), taken date);
