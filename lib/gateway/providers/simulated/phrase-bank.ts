/**
 * The vocabulary of the simulated models: neutral, advice-shaped English that
 * reads plausibly whatever the question was, since the simulation cannot
 * understand it. Kept in one place so the generators stay about structure.
 */

export const openings = [
  "Here's how I would think about {topic}.",
  "Good question about {topic}.",
  "Let's break down {topic} step by step.",
  "Short answer: it depends on what you need from {topic}.",
  "There are a few ways to look at {topic}.",
  "Starting with {topic} makes sense.",
  "Happy to help with {topic}.",
  "It helps to start with the basics of {topic}.",
] as const;

/** For questions with no clear topic, such as a greeting. */
export const genericOpenings = [
  "Happy to help.",
  "Sure, here's my take.",
  "Thanks for the question.",
  "Here's a short answer.",
  "Good question.",
] as const;

export const imageOpenings = [
  "Looking at the image you shared, the main subject is clearly in focus and the composition is simple.",
  "The image shows a well-lit scene with one clear subject in the foreground.",
  "From the image, the most noticeable detail is the contrast between the subject and the background.",
  "In the image you sent, the layout is easy to follow and nothing looks out of place.",
] as const;

export const closings = [
  "Let me know if you'd like me to go deeper on any of these points.",
  "I hope that helps; happy to expand on any part of it.",
  "If you share a bit more context, I can make this more specific.",
  "Feel free to ask a follow-up question.",
  "Tell me which part matters most to you and we can focus there.",
] as const;

export const connectors = [
  "In practice,",
  "That said,",
  "On the other hand,",
  "As a rule of thumb,",
  "In most cases,",
  "For example,",
  "Over time,",
  "More importantly,",
  "Either way,",
  "If in doubt,",
  "At the same time,",
  "In my experience,",
] as const;

export const subjects = [
  "the simplest approach",
  "a small, focused change",
  "the underlying data",
  "a clear naming scheme",
  "each step in the process",
  "the default configuration",
  "a quick experiment",
  "the existing setup",
  "a well-defined interface",
  "your first draft",
  "handling the edge cases",
  "a short feedback loop",
  "the overall structure",
  "a consistent format",
  "the main constraint",
  "a written checklist",
  "the original goal",
  "a second opinion",
] as const;

export const predicates = [
  "usually pays off",
  "makes the rest much easier",
  "tends to reveal problems early",
  "keeps things predictable",
  "saves time later on",
  "is easier to reason about",
  "helps more than it seems",
  "reduces the chance of surprises",
  "gives you room to adjust",
  "is worth checking first",
  "often matters more than the details",
  "makes the trade-offs visible",
] as const;

export const actions = [
  "start with a small example",
  "write down your assumptions",
  "measure before you change anything",
  "compare two or three options side by side",
  "keep the first version simple",
  "test the edge cases early",
  "ask what problem you are really solving",
  "look at a concrete case",
  "check the defaults",
  "separate the essentials from the nice-to-haves",
  "break the task into smaller steps",
  "revisit the plan after the first pass",
  "note what worked and what didn't",
  "keep a record of your decisions",
  "validate the inputs",
  "get feedback from someone else",
] as const;

export const qualities = [
  "clarity",
  "reliability",
  "speed",
  "flexibility",
  "consistency",
  "simplicity",
  "confidence",
  "maintainability",
  "cost",
  "accuracy",
] as const;

/** `{Subject}` and friends are capitalised when filled in. */
export const sentenceTemplates = [
  "{Connector} {subject} {predicate}.",
  "A good first step is to {action}.",
  "It often helps to {action} before you {action2}.",
  "When it comes to {topic}, {subject} {predicate}.",
  "{Connector} it is worth trying to {action}.",
  "The trade-off is usually between {quality} and {quality2}.",
  "If {topic} feels overwhelming, {action}.",
  "Most people find that {subject} {predicate}.",
  "You can always {action} later, once {subject} is settled.",
  "Try to {action}; {subject} {predicate}.",
  "This matters because {subject} {predicate}.",
  "Think of {topic} as a balance between {quality} and {quality2}.",
  "{Subject} {predicate}, so {action}.",
  "Another option is to {action} and see what changes.",
] as const;

export const listIntroductions = [
  "A few things to keep in mind:",
  "Here's a quick checklist:",
  "The main points are:",
  "Some practical steps:",
] as const;

export const codeIntroductions = [
  "Here's a small example:",
  "A minimal sketch might look like this:",
  "For instance:",
  "Something like this works as a starting point:",
] as const;

export const toolResultFollowUps = [
  "Based on that, {subject} {predicate}.",
  "With that result in hand, the next step is to {action}.",
  "That answers the main question, so {action} if you need more detail.",
  "Given this, {subject} {predicate}.",
] as const;

/** How a reasoning model opens its thinking; `{topic}` is the question's topic. */
export const reasoningOpenings = [
  "The user is asking about {topic}.",
  "This question is about {topic}, so I need to work out what matters most there.",
  "The user wants help with {topic}.",
  "Okay, the question centres on {topic}.",
] as const;

/** For questions with no clear topic. */
export const genericReasoningOpenings = [
  "The user sent a short message without a clear topic.",
  "There's no specific topic here, so I'll keep things general.",
  "This is a brief message, so a short, friendly reply fits.",
] as const;

/** Thinking about what to say, filled like the answer's sentence templates. */
export const reasoningSteps = [
  "I could suggest they {action}, since {subject} {predicate}.",
  "The main trade-off to mention is between {quality} and {quality2}.",
  "It's probably best to {action} first and {action2} afterwards.",
  "I should point out that {subject} {predicate}.",
  "Maybe I should also mention why {subject} {predicate}.",
] as const;

export const reasoningPlans = [
  "I'll open with a short overview, then give practical steps.",
  "I'll keep the answer concise and offer to go deeper.",
  "A few concrete steps should make the answer useful.",
  "I'll structure the answer from the basics to the details.",
] as const;

export const cities = ["Lisbon, Portugal", "Kyoto, Japan", "Toronto, Canada", "Nairobi, Kenya", "Melbourne, Australia", "Oslo, Norway"] as const;
export const personNames = ["Ada Lovelace", "Grace Hopper", "Alan Turing", "Katherine Johnson", "Edsger Dijkstra"] as const;
export const tags = ["general", "follow-up", "review", "priority", "draft"] as const;

/** Words that carry no topic, left out when picking what a question is about. */
export const stopWords = new Set([
  "about", "above", "after", "again", "also", "always", "another", "answer", "anything", "around", "because", "been",
  "before", "being", "below", "best", "better", "between", "both", "cannot", "could", "does", "doing", "done", "down",
  "each", "even", "every", "everything", "example", "explain", "from", "give", "going", "good", "have", "having", "hello",
  "help", "here", "into", "just", "know", "let's", "like", "looking", "make", "many", "maybe", "might", "more", "most",
  "much", "must", "need", "never", "only", "other", "over", "please", "question", "quick", "really", "should", "show",
  "simple", "some", "something", "still", "sure", "tell", "than", "thank", "thanks", "that", "that's", "their", "them",
  "then", "there", "these", "they", "thing", "things", "think", "this", "those", "through", "under", "until", "upon",
  "using", "very", "want", "well", "were", "what", "what's", "when", "where", "which", "while", "will", "with", "within",
  "without", "would", "write", "your", "yours", "you're",
  // Verbs that requests are phrased with rather than topics.
  "add", "ask", "build", "call", "can", "change", "check", "choose", "compare", "create", "describe", "detail", "details",
  "find", "fix", "get", "improve", "include", "including", "learn", "list", "look", "put", "run", "say", "see", "set",
  "start", "take", "try", "understand", "work", "works", "working", "next", "new", "top", "way", "ways", "all", "any",
  "are", "and", "but", "for", "had", "has", "her", "him", "his", "how", "its", "not", "now", "our", "out", "she",
  "the", "too", "was", "who", "why", "yes", "you",
]);

/** Words that make a code block likely; the language names also pick its language. */
export const codeWords = new Set([
  "code", "function", "script", "program", "typescript", "javascript", "python", "sql", "query", "bash", "shell", "api",
  "bug", "implement", "class", "regex", "snippet", "compile", "algorithm", "loop",
]);

/** Code words too generic to be a topic ("python and function" reads badly; "python" alone is fine). */
export const genericCodeWords = new Set(["code", "function", "script", "program", "query", "class", "snippet", "loop", "implement", "compile"]);
