CREATE TABLE account (id integer PRIMARY KEY, name varchar(50) NOT NULL);
CREATE TABLE department (id integer PRIMARY KEY, head_id integer);
CREATE TABLE employee (id integer PRIMARY KEY, department_id integer REFERENCES department (id));
ALTER TABLE department ADD CONSTRAINT department_head_fkey FOREIGN KEY (head_id) REFERENCES employee (id);
