using System.Runtime.InteropServices;
using SQLitePCL;

namespace Backfill.Sqlite;

/// <summary>
/// The few SQLite calls made per value on the hot path, bound straight to the library SQLitePCLRaw loads.
/// Through SQLitePCLRaw each call went through an interface, marshalled a SafeHandle (two interlocked
/// operations) and switched the thread's GC mode: ~60 calls a row cost about as much as SQLite's own work
/// for them. These calls are short, never block (a connection is used by one thread at a time, so its mutex
/// is free) and never call back, which is what <see cref="SuppressGCTransitionAttribute"/> requires;
/// sqlite3_step, which does I/O, and sqlite3_reset, which may end a read transaction, keep the normal transition.
/// </summary>
internal static partial class SqliteNative
{
    private const string Library = "e_sqlite3";

    /// <summary>The statement's native pointer; the caller keeps <paramref name="statement"/> alive while using it.</summary>
    public static nint Pointer(sqlite3_stmt statement) => statement.DangerousGetHandle();

    [LibraryImport(Library, EntryPoint = "sqlite3_column_type"), SuppressGCTransition]
    public static partial int ColumnType(nint statement, int column);

    [LibraryImport(Library, EntryPoint = "sqlite3_column_int64"), SuppressGCTransition]
    public static partial long ColumnInt64(nint statement, int column);

    [LibraryImport(Library, EntryPoint = "sqlite3_column_double"), SuppressGCTransition]
    public static partial double ColumnDouble(nint statement, int column);

    [LibraryImport(Library, EntryPoint = "sqlite3_column_blob"), SuppressGCTransition]
    private static partial nint ColumnBlob(nint statement, int column);

    [LibraryImport(Library, EntryPoint = "sqlite3_column_bytes"), SuppressGCTransition]
    private static partial int ColumnBytes(nint statement, int column);

    /// <summary>A text or blob value's bytes, valid until the next step or reset of the statement.</summary>
    public static unsafe ReadOnlySpan<byte> ColumnBytesOf(nint statement, int column)
    {
        var data = ColumnBlob(statement, column); // first, as SQLite's documentation orders the two calls
        var length = ColumnBytes(statement, column);
        return data == 0 ? [] : new ReadOnlySpan<byte>((void*)data, length);
    }

    [LibraryImport(Library, EntryPoint = "sqlite3_bind_int64"), SuppressGCTransition]
    public static partial int BindInt64(nint statement, int index, long value);

    [LibraryImport(Library, EntryPoint = "sqlite3_bind_double"), SuppressGCTransition]
    public static partial int BindDouble(nint statement, int index, double value);

    [LibraryImport(Library, EntryPoint = "sqlite3_bind_null"), SuppressGCTransition]
    public static partial int BindNull(nint statement, int index);

    [LibraryImport(Library, EntryPoint = "sqlite3_step")]
    public static partial int Step(nint statement);

    [LibraryImport(Library, EntryPoint = "sqlite3_reset")]
    public static partial int Reset(nint statement);

    [LibraryImport(Library, EntryPoint = "sqlite3_changes"), SuppressGCTransition]
    public static partial int Changes(nint db);
}
