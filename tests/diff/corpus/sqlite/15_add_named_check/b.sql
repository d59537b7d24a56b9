CREATE TABLE item (
    id INTEGER PRIMARY KEY,
    price REAL NOT NULL,
    CONSTRAINT ck_item_price_positive CHECK (price > 0)
);
