-- edit: a column with a check added to an AUTOINCREMENT table that views read
ALTER TABLE [Products] ADD COLUMN [Barcode] TEXT CHECK (length([Barcode]) = 13);
-- edit: the sales views dropped, the discount check tightened (a rebuild), and the commented-out order date index made real
DROP VIEW [Order Details Extended];
DROP VIEW [Order Subtotals];
DROP VIEW [Sales by Category];
DROP VIEW [Product Sales for 1997];
DROP VIEW [Category Sales for 1997];
DROP VIEW [Invoices];
DROP VIEW [Summary of Sales by Quarter];
DROP VIEW [Summary of Sales by Year];
DROP VIEW [Sales Totals by Amount];
ALTER TABLE [Order Details] RENAME TO [Order Details Old];
CREATE TABLE [Order Details](
   [OrderID]INTEGER NOT NULL,
   [ProductID]INTEGER NOT NULL,
   [UnitPrice]NUMERIC NOT NULL DEFAULT 0,
   [Quantity]INTEGER NOT NULL DEFAULT 1,
   [Discount]REAL NOT NULL DEFAULT 0,
    PRIMARY KEY ("OrderID","ProductID"),
    CHECK ([Discount]>=(0) AND [Discount]<=(0.5)),
    CHECK ([Quantity]>(0)),
    CHECK ([UnitPrice]>=(0)),
	FOREIGN KEY ([OrderID]) REFERENCES [Orders] ([OrderID]) 
		ON DELETE NO ACTION ON UPDATE NO ACTION,
	FOREIGN KEY ([ProductID]) REFERENCES [Products] ([ProductID]) 
		ON DELETE NO ACTION ON UPDATE NO ACTION
);
DROP TABLE [Order Details Old];
CREATE INDEX [OrderDate]ON [Orders]("OrderDate" ASC);
-- edit: a table of order notes with an AUTOINCREMENT key, and a trigger stamping it
CREATE TABLE [OrderNotes](
   [NoteID]INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
   [OrderID]INTEGER NOT NULL,
   [Note]TEXT NOT NULL,
   [CreatedAt]DATETIME,
   FOREIGN KEY ([OrderID]) REFERENCES [Orders] ([OrderID]) ON DELETE CASCADE
);
CREATE TRIGGER [OrderNotes_stamp] AFTER INSERT ON [OrderNotes]
BEGIN
   UPDATE [OrderNotes] SET [CreatedAt] = datetime('now') WHERE [NoteID] = new.[NoteID];
END;
