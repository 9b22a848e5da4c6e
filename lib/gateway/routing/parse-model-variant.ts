/**
 * OpenRouter's model suffixes. `:free` names a catalog entry of its own (a
 * separately priced offer), so its id is kept; `:nitro` and `:floor` are
 * shortcuts for the base model with `provider.sort` set.
 * @see https://openrouter.ai/docs/features/model-routing
 * @see https://openrouter.ai/docs/features/provider-routing#nitro-shortcut
 */
export type ModelVariant = "free" | "nitro" | "floor";

export interface ParsedModel {
  /** The id to look up in the catalog. */
  catalogModel: string;
  /** The id without a recognised suffix. */
  baseModel: string;
  variant: ModelVariant | undefined;
  /** The provider sort the variant implies, if any. */
  sort: "throughput" | "price" | undefined;
}

/**
 * Splits a recognised suffix off a model id. Other suffixes (`:thinking`,
 * `:extended`, or an Ollama tag such as `llama3.1:8b`) are part of the id.
 */
export function parseModelVariant(model: string): ParsedModel {
  const separator = model.lastIndexOf(":");
  const suffix = separator > 0 ? model.slice(separator + 1) : "";
  const baseModel = model.slice(0, separator);
  switch (suffix) {
    case "free":
      return { catalogModel: model, baseModel, variant: "free", sort: undefined };
    case "nitro":
      return { catalogModel: baseModel, baseModel, variant: "nitro", sort: "throughput" };
    case "floor":
      return { catalogModel: baseModel, baseModel, variant: "floor", sort: "price" };
    default:
      return { catalogModel: model, baseModel: model, variant: undefined, sort: undefined };
  }
}
