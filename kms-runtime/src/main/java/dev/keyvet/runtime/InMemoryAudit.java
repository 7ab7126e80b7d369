package dev.keyvet.runtime;

import java.util.ArrayList;
import java.util.List;

/** An {@link AuditSink} that keeps records in memory, in order; for tests and embedded use. */
public final class InMemoryAudit implements AuditSink {
  private final List<Record> records = new ArrayList<>();

  @Override
  public synchronized void append(Record record) {
    records.add(record);
  }

  /** Every record so far, in order. */
  public synchronized List<Record> records() {
    return List.copyOf(records);
  }

  /** The last record, or null. */
  public synchronized Record last() {
    return records.isEmpty() ? null : records.get(records.size() - 1);
  }
}
