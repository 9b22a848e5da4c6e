import { z } from "zod";

/**
 * What Gemini's generateContent and streamGenerateContent return, as little
 * as the adapter relies on. A stream event has the same shape as a whole
 * response, holding only the new parts; usageMetadata is cumulative.
 * @see https://ai.google.dev/api/generate-content#v1beta.GenerateContentResponse
 */

const partSchema = z.looseObject({
  text: z.string().nullish(),
  /** Marks a text part as a thought summary (only sent with includeThoughts). */
  thought: z.boolean().nullish(),
  /** Opaque; must go back on the same part in the next request (Gemini 3). */
  thoughtSignature: z.string().nullish(),
  functionCall: z
    .looseObject({
      name: z.string(),
      args: z.record(z.string(), z.unknown()).nullish(),
    })
    .nullish(),
});

const candidateSchema = z.looseObject({
  content: z.looseObject({ parts: z.array(partSchema).nullish(), role: z.string().nullish() }).nullish(),
  finishReason: z.string().nullish(),
  index: z.number().nullish(),
});

export const googleUsageMetadataSchema = z.looseObject({
  promptTokenCount: z.number().nullish(),
  candidatesTokenCount: z.number().nullish(),
  thoughtsTokenCount: z.number().nullish(),
  cachedContentTokenCount: z.number().nullish(),
  totalTokenCount: z.number().nullish(),
});

export const googleResponseSchema = z.looseObject({
  candidates: z.array(candidateSchema).nullish(),
  promptFeedback: z.looseObject({ blockReason: z.string().nullish() }).nullish(),
  usageMetadata: googleUsageMetadataSchema.nullish(),
  modelVersion: z.string().nullish(),
  responseId: z.string().nullish(),
});

/**
 * Google's RPC error: `{ error: { code, message, status, details[] } }`.
 * Details are typed by `@type`; only RetryInfo and ErrorInfo matter here.
 * @see https://ai.google.dev/gemini-api/docs/troubleshooting#error-codes
 * @see https://cloud.google.com/apis/design/errors#error_model
 */
export const googleErrorObjectSchema = z.looseObject({
  code: z.number().nullish(),
  message: z.string().nullish(),
  status: z.string().nullish(),
  details: z
    .array(
      z.looseObject({
        "@type": z.string().nullish(),
        retryDelay: z.string().nullish(),
        reason: z.string().nullish(),
      }),
    )
    .nullish(),
});

export const googleErrorBodySchema = z.looseObject({ error: googleErrorObjectSchema });

export type GoogleResponse = z.infer<typeof googleResponseSchema>;
export type GooglePart = z.infer<typeof partSchema>;
export type GoogleUsageMetadata = z.infer<typeof googleUsageMetadataSchema>;
export type GoogleErrorObject = z.infer<typeof googleErrorObjectSchema>;
