-- the same schema, written differently
create table if not exists "Account" (
  "ID"   integer   primary key,
  [name] varchar( 50 ) not null, -- comment
  `note` text default 'x',
  check ( length(name)>0 )
);
create index IF NOT EXISTS ix_account_name on Account(name) where note is not null;
/* a view */ create view V as select ID from Account;
