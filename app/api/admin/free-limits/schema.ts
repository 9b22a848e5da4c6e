import { freeLimitsSchema } from "@/lib/db/admin-settings-queries";

export const saveFreeLimitsBodySchema = freeLimitsSchema.strict();
