create table Account (ID integer primary key, NAME varchar(50) not null default 'x');
create index IX_name on account(name);
