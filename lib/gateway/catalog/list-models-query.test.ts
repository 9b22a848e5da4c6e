import { describe, expect, it } from "vitest";
import { InvalidRequestError } from "../errors";
import { parseListModelsQuery } from "./list-models-query";

function parse(query: string) {
  return parseListModelsQuery(new URLSearchParams(query));
}

function rejection(query: string): InvalidRequestError {
  try {
    parse(query);
  } catch (error) {
    if (error instanceof InvalidRequestError) return error;
    throw error;
  }
  throw new Error(`'${query}' was accepted`);
}

describe("parseListModelsQuery", () => {
  it("lists routable models with no filter by default", () => {
    expect(parse("")).toEqual({ all: false });
    expect(parse("all=false")).toEqual({ all: false });
  });

  it("reads all=true and OpenRouter's comma-separated supported_parameters", () => {
    expect(parse("all=true&supported_parameters=tools,response_format")).toEqual({ all: true, supported_parameters: ["tools", "response_format"] });
    expect(parse("supported_parameters=tools%2C%20top_k")).toEqual({ all: false, supported_parameters: ["tools", "top_k"] });
  });

  it("answers 400 for an unknown value, parameter name or query key, naming it", () => {
    expect(rejection("all=yes")).toMatchObject({ status: 400, param: "all", message: expect.stringContaining("'true' or 'false'") });
    expect(rejection("supported_parameters=tools,tool")).toMatchObject({ status: 400, param: "supported_parameters[1]", message: expect.stringContaining("Unknown parameter 'tool'") });
    expect(rejection("supported_parameters=")).toMatchObject({ status: 400, message: expect.stringContaining("Unknown parameter ''") });
    expect(rejection("category=programming")).toMatchObject({ status: 400, message: expect.stringContaining("category") });
  });

  it("answers 400 for a key given twice rather than guessing which was meant", () => {
    expect(rejection("all=true&all=false")).toMatchObject({ status: 400, param: "all", message: expect.stringContaining("more than once") });
  });
});
