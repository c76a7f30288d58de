"""The v1.8 XML format: schema, writer, reader and mapping of schema errors. No Qt, no SQL."""
