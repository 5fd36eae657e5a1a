import * as v from 'valibot';

/**
 * Builds the schema of one K2 resource document, `{ data: { id, type, attributes } }` (reference §1.4 and §5):
 * the shape `GET <Location>` returns and result callbacks POST. Every level keeps unknown fields, because K2
 * publishes no complete schema and adds fields over time.
 *
 * @example
 * ```ts
 * const K2ThingSchema = k2ResourceDocument(v.literal('thing'), { status: k2Status<'Done'>() });
 * ```
 */
export function k2ResourceDocument<
  const TType extends v.GenericSchema<unknown, string>,
  const TAttributes extends v.ObjectEntries,
>(type: TType, attributes: TAttributes) {
  return v.looseObject({
    data: v.looseObject({
      id: v.pipe(v.string(), v.nonEmpty('must not be empty')),
      type,
      attributes: v.looseObject(attributes),
    }),
  });
}
