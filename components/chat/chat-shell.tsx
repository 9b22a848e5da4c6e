"use client";

import { useRouter } from "next/navigation";
import { createContext, useCallback, useContext, useState, type ReactNode } from "react";
import { ConversationSidebar } from "./conversation-sidebar";

/**
 * Bumped by "New chat". A room that got its id through history.replaceState
 * is still the /chat page to React, so navigating to /chat alone would keep
 * its state; keying the new room on this counter starts it afresh.
 */
const NewChatCounterContext = createContext(0);

export function useNewChatCounter(): number {
  return useContext(NewChatCounterContext);
}

export function ChatShell({ children }: { children: ReactNode }) {
  const router = useRouter();
  const [newChatCounter, setNewChatCounter] = useState(0);
  const [sidebarOpen, setSidebarOpen] = useState(false);

  const startNewChat = useCallback(() => {
    setNewChatCounter((value) => value + 1);
    setSidebarOpen(false);
    router.push("/chat");
  }, [router]);

  return (
    <NewChatCounterContext.Provider value={newChatCounter}>
      <div data-chat-shell className="flex flex-col lg:min-h-0 lg:flex-1 lg:flex-row">
        <div className="flex items-center gap-2 border-b border-zinc-200 bg-white px-3 py-2 lg:hidden dark:border-zinc-800 dark:bg-zinc-950">
          <button
            type="button"
            aria-expanded={sidebarOpen}
            aria-controls="chat-sidebar"
            onClick={() => setSidebarOpen((value) => !value)}
            className="focus-ring rounded-md border border-zinc-300 px-2.5 py-1 text-sm dark:border-zinc-600"
          >
            {sidebarOpen ? "Close" : "Conversations"}
          </button>
          <span className="font-semibold">Switchyard chat</span>
        </div>
        <aside
          id="chat-sidebar"
          className={`${sidebarOpen ? "flex" : "hidden"} max-h-[60dvh] shrink-0 flex-col border-b border-zinc-200 bg-zinc-50 lg:flex lg:max-h-none lg:w-64 lg:border-r lg:border-b-0 dark:border-zinc-800 dark:bg-zinc-900/40`}
        >
          <div className="hidden px-3 pt-3 text-sm font-semibold lg:block">Switchyard chat</div>
          <ConversationSidebar onNewChat={startNewChat} />
        </aside>
        <main className="min-w-0 flex-1 lg:min-h-0">{children}</main>
      </div>
    </NewChatCounterContext.Provider>
  );
}
