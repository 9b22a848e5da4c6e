import type { Metadata } from "next";
import type { ReactNode } from "react";
import { ChatShell } from "@/components/chat/chat-shell";
import { Providers } from "@/components/providers";
import "@/components/chat/chat.css";

export const metadata: Metadata = {
  title: "Chat · Switchyard",
};

export default function ChatLayout({ children }: Readonly<{ children: ReactNode }>) {
  return (
    <Providers>
      <ChatShell>{children}</ChatShell>
    </Providers>
  );
}
