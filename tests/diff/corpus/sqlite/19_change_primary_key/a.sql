CREATE TABLE membership (
    user_id INTEGER NOT NULL,
    group_id INTEGER NOT NULL,
    role TEXT,
    PRIMARY KEY (user_id)
);
