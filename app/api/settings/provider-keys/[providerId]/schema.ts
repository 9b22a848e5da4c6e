import { z } from "zod";

export const saveProviderKeyBodySchema = z.object({ apiKey: z.string().min(1, "paste the key").max(1000) }).strict();
