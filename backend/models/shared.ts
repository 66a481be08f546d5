import type {Connection, Model, Schema} from 'mongoose';

/** Wire shape for every model: `id` instead of `_id`, no `__v`, secrets removed by `hide`. */
export function wireShape(schema: Schema, hide: string[] = []): void {
  schema.set('toJSON', {
    virtuals: false,
    versionKey: false,
    transform(_doc, ret: Record<string, unknown>) {
      ret.id = String(ret._id);
      delete ret._id;
      for (const key of hide) delete ret[key];
      return ret;
    },
  });
}

/** One model per connection: each backend (and each test) owns its own connection. */
export function bind<T>(conn: Connection, name: string, schema: Schema<T>): Model<T> {
  return (conn.models[name] as Model<T> | undefined) ?? conn.model<T>(name, schema);
}

export function iso(d: Date | null | undefined): string | null {
  return d ? new Date(d).toISOString() : null;
}
