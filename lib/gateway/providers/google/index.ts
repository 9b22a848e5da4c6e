export { createGoogleProvider } from "./google-adapter";
export { convertToGoogleRequest, type GoogleRequestBody } from "./convert-to-google-request";
export { convertJsonSchemaToGoogleSchema, type GoogleSchema } from "./convert-json-schema-to-google-schema";
