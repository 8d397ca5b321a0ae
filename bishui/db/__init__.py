"""The warehouse side: loading and binding queries/ (sql), read/write primitives and the writer
lock (store), building and keeping derived tables current (warehouse: build, ensure, rederive),
the evaluation, and the modules that fetch what a screen needs (alerts, meetings, tracing data,
map data)."""
