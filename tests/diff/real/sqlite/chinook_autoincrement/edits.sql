-- edit: a column with a check
ALTER TABLE [Genre] ADD COLUMN [Description] TEXT CHECK (length([Description]) < 500);
-- edit: a trigger keeping invoice totals
CREATE TRIGGER [InvoiceLineTotal] AFTER INSERT ON [InvoiceLine] BEGIN UPDATE [Invoice] SET [Total] = [Total] + NEW.[UnitPrice] * NEW.[Quantity] WHERE [InvoiceId] = NEW.[InvoiceId]; END;
-- edit: media type names made unique and required, which SQLite makes by a rebuild
DROP TABLE [MediaType];
CREATE TABLE [MediaType] ([MediaTypeId] INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, [Name] NVARCHAR(120) NOT NULL UNIQUE);
