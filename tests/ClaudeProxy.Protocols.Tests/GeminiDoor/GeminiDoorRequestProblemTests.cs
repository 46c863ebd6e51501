using System.Text;
using ClaudeProxy.Protocols.Doors.Gemini;
using Xunit;
using static ClaudeProxy.Protocols.Tests.GeminiDoor.GeminiDoorDriver;

namespace ClaudeProxy.Protocols.Tests.GeminiDoor;

/// <summary>What the door refuses, and that each refusal names the field by its JSON path as the client spelled it.</summary>
public sealed class GeminiDoorRequestProblemTests
{
    private const string CallTurns = """
        {"role":"user","parts":[{"text":"Go"}]},{"role":"model","parts":[{"functionCall":{"id":"c1","name":"ls","args":{}}}]}
        """;

    [Theory]
    [InlineData("{", "The request body is not valid JSON")]
    [InlineData("[1]", "The request body must be a JSON object.")]
    [InlineData("""{"contents":[{"parts":[{"text":"\ud800"}]}]}""", "The request body holds an unpaired UTF-16 surrogate escape")]
    public void A_body_that_is_no_json_object_of_unicode_text_is_refused_as_a_whole(string body, string problem)
    {
        Assert.StartsWith(problem, Problem(body), StringComparison.Ordinal);
    }

    [Fact]
    public void A_body_that_is_not_utf8_is_refused()
    {
        var result = GeminiDoorRequestTranslator.Translate([(byte)'{', 0xff, (byte)'}'], Model, stream: false);

        Assert.Equal("The request body is not valid UTF-8.", result.Problem);
    }

    [Fact]
    public void An_empty_model_is_refused_and_a_refused_request_still_reports_model_and_stream()
    {
        var empty = GeminiDoorRequestTranslator.Translate(Encoding.UTF8.GetBytes(Hi()), "models/", stream: true);
        var refused = GeminiDoorRequestTranslator.Translate("{}"u8, Model, stream: true);

        Assert.Equal("The model is missing from the path (models/{model}:generateContent).", empty.Problem);
        Assert.Null(empty.Model);
        Assert.Equal(Model, refused.Model);
        Assert.True(refused.Stream);
        Assert.Equal("contents: Field required", refused.Problem);
    }

    [Theory]
    [InlineData("""{"contents":{}}""", "contents: expected an array")]
    [InlineData("""{"contents":[]}""", "contents: must hold at least one content with a text, media or function part")]
    [InlineData("""{"contents":[{"role":"user","parts":[{"text":" "}]}]}""", "contents: must hold at least one content with a text, media or function part")]
    [InlineData("""{"contents":["Hi"]}""", "contents[0]: expected an object")]
    [InlineData("""{"contents":[{"role":"assistant","parts":[]}]}""", "contents[0].role: 'assistant' is not one of user, model")]
    [InlineData("""{"contents":[{"parts":{"text":"Hi"}}]}""", "contents[0].parts: expected an array")]
    [InlineData("""{"contents":[{"parts":[{"text":7}]}]}""", "contents[0].parts[0].text: expected a string")]
    [InlineData("""{"contents":[{"parts":[{"text":"a","thought":"yes"}]}]}""", "contents[0].parts[0].thought: expected a boolean")]
    [InlineData("""{"contents":[{"parts":[{"text":"a","inlineData":{}}]}]}""", "contents[0].parts[0]: holds both text and inlineData; a part holds one kind of data")]
    [InlineData("""{"contents":[{"parts":[{"videoMetadata":{}}]}]}""", "contents[0].parts[0]: a part must hold text, inlineData, functionCall or functionResponse")]
    public void Contents_of_the_wrong_shape_are_refused_at_their_path(string body, string problem)
    {
        Assert.Equal(problem, Problem(body));
    }

    [Theory]
    [InlineData("""{"fileData":{"mimeType":"image/png","fileUri":"https://generativelanguage.googleapis.com/v1beta/files/abc"}}""", "contents[0].parts[0].fileData: fileData (files uploaded to Google) is not supported; send the file as inlineData")]
    [InlineData("""{"file_data":{"file_uri":"gs://b/f"}}""", "contents[0].parts[0].file_data: fileData (files uploaded to Google) is not supported; send the file as inlineData")]
    [InlineData("""{"inlineData":{"mimeType":"audio/mpeg","data":"AAAA"}}""", "contents[0].parts[0].inlineData.mimeType: 'audio/mpeg' is not supported: images (image/jpeg, image/png, image/gif, image/webp) and application/pdf are")]
    [InlineData("""{"inline_data":{"mime_type":"image/heic","data":"AAAA"}}""", "contents[0].parts[0].inline_data.mime_type: 'image/heic' is not supported: images (image/jpeg, image/png, image/gif, image/webp) and application/pdf are")]
    [InlineData("""{"inlineData":{"mimeType":"image/png"}}""", "contents[0].parts[0].inlineData.data: Field required")]
    [InlineData("""{"inlineData":{"data":"AAAA"}}""", "contents[0].parts[0].inlineData.mimeType: Field required")]
    [InlineData("""{"executableCode":{"language":"PYTHON","code":"print(1)"}}""", "contents[0].parts[0].executableCode: code execution parts are not supported: the gateway has no code execution tool")]
    [InlineData("""{"functionCall":{"name":"ls"}}""", "contents[0].parts[0].functionCall: a functionCall belongs in a content with role 'model'")]
    public void User_parts_the_hub_cannot_carry_are_refused_at_their_path(string part, string problem)
    {
        Assert.Equal(problem, Problem("""{"contents":[{"role":"user","parts":[@0]}]}""".Fill(part)));
    }

    [Theory]
    [InlineData("""{"functionCall":{"args":{}}}""", "contents[1].parts[0].functionCall.name: Field required")]
    [InlineData("""{"functionCall":{"name":""}}""", "contents[1].parts[0].functionCall.name: must not be empty")]
    [InlineData("""{"functionCall":{"name":"ls","args":"{}"}}""", "contents[1].parts[0].functionCall.args: expected an object")]
    [InlineData("""{"functionCall":{"name":"ls","id":5}}""", "contents[1].parts[0].functionCall.id: expected a string")]
    [InlineData("""{"functionResponse":{"name":"ls","response":{}}}""", "contents[1].parts[0].functionResponse: a functionResponse belongs in a content with role 'user'")]
    [InlineData("""{"inlineData":{"mimeType":"image/png","data":"AAAA"}}""", "contents[1].parts[0].inlineData: the model's own media cannot be sent back: Anthropic takes images and documents from the user only")]
    [InlineData("""{"text":"a","thoughtSignature":7}""", "contents[1].parts[0].thoughtSignature: expected a string")]
    public void Model_parts_the_hub_cannot_carry_are_refused_at_their_path(string part, string problem)
    {
        Assert.Equal(problem, Problem("""{"contents":[{"role":"user","parts":[{"text":"Go"}]},{"role":"model","parts":[@0]}]}""".Fill(part)));
    }

    [Theory]
    [InlineData("""{"functionResponse":{"name":"cat","response":{"output":"x"}}}""", "contents[2].parts[0].functionResponse: answers no functionCall of the model turn before it (none named 'cat' is left unanswered)")]
    [InlineData("""{"functionResponse":{"name":"ls","response":"x"}}""", "contents[2].parts[0].functionResponse.response: expected an object")]
    [InlineData("""{"functionResponse":{"response":{}}}""", "contents[2].parts[0].functionResponse.name: Field required")]
    [InlineData("""{"functionResponse":{"name":"ls","response":{},"parts":[{"text":"x"}]}}""", "contents[2].parts[0].functionResponse.parts[0].text: a function response part must hold inlineData")]
    [InlineData("""{"functionResponse":{"name":"ls","response":{},"parts":[{"inlineData":{"mimeType":"application/pdf","data":"JVBE"}}]}}""", "contents[2].parts[0].functionResponse.parts[0].inlineData: a function response can return images only")]
    public void Function_responses_the_hub_cannot_carry_are_refused_at_their_path(string part, string problem)
    {
        Assert.Equal(problem, Problem("""{"contents":[@0,{"role":"user","parts":[@1]}]}""".Fill(CallTurns, part)));
    }

    [Fact]
    public void A_second_response_to_one_call_is_refused()
    {
        var problem = Problem("""
            {"contents":[@0,{"role":"user","parts":[{"functionResponse":{"name":"ls","response":{}}},{"functionResponse":{"name":"ls","response":{}}}]}]}
            """.Fill(CallTurns));

        Assert.Equal("contents[2].parts[1].functionResponse: answers no functionCall of the model turn before it (none named 'ls' is left unanswered)", problem);
    }

    [Theory]
    [InlineData("\"systemInstruction\":[\"a\"]", "systemInstruction: expected an object")]
    [InlineData("\"systemInstruction\":{\"parts\":[{\"inlineData\":{\"mimeType\":\"image/png\",\"data\":\"AA\"}}]}", "systemInstruction.parts[0].inlineData: a system instruction holds text parts only")]
    [InlineData("\"cachedContent\":\"cachedContents/abc\"", "cachedContent: cached contents are not supported: the gateway cannot read what Google cached; send the contents in the request")]
    [InlineData("\"cached_content\":\"cachedContents/abc\"", "cached_content: cached contents are not supported: the gateway cannot read what Google cached; send the contents in the request")]
    public void Request_fields_the_hub_cannot_carry_are_refused_at_their_path(string fields, string problem)
    {
        Assert.Equal(problem, Problem(Hi(fields)));
    }

    [Theory]
    [InlineData("\"tools\":{}", "tools: expected an array")]
    [InlineData("\"tools\":[[]]", "tools[0]: expected an object")]
    [InlineData("\"tools\":[{\"functionDeclarations\":{}}]", "tools[0].functionDeclarations: expected an array")]
    [InlineData("\"tools\":[{\"functionDeclarations\":[{\"name\":\"a\"},{\"description\":\"b\"}]}]", "tools[0].functionDeclarations[1].name: Field required")]
    [InlineData("\"tools\":[{\"function_declarations\":[{\"name\":\"a\",\"description\":1}]}]", "tools[0].function_declarations[0].description: expected a string")]
    [InlineData("\"tools\":[{\"functionDeclarations\":[{\"name\":\"a\",\"parameters\":{\"type\":\"STRING\"}}]}]", "tools[0].functionDeclarations[0].parameters.type: 'STRING': a function's parameters must be an OBJECT schema")]
    [InlineData("\"tools\":[{\"functionDeclarations\":[{\"name\":\"a\",\"parametersJsonSchema\":[]}]}]", "tools[0].functionDeclarations[0].parametersJsonSchema: expected an object")]
    [InlineData("\"tools\":[{\"functionDeclarations\":[{\"name\":\"a\",\"parameters\":{},\"parametersJsonSchema\":{}}]}]", "tools[0].functionDeclarations[0].parametersJsonSchema: set either parameters or parametersJsonSchema, not both")]
    [InlineData("\"toolConfig\":{\"functionCallingConfig\":{\"mode\":\"SOMETIMES\"}}", "toolConfig.functionCallingConfig.mode: 'SOMETIMES' is not one of AUTO, ANY, NONE, VALIDATED")]
    [InlineData("\"toolConfig\":{\"functionCallingConfig\":{\"mode\":\"ANY\",\"allowedFunctionNames\":[1]}}", "toolConfig.functionCallingConfig.allowedFunctionNames[0]: expected a string")]
    [InlineData("\"tool_config\":{\"function_calling_config\":{\"mode\":1}}", "tool_config.function_calling_config.mode: expected a string")]
    public void Tools_of_the_wrong_shape_are_refused_at_their_path(string fields, string problem)
    {
        Assert.Equal(problem, Problem(Hi(fields)));
    }

    [Theory]
    [InlineData("\"generationConfig\":[]", "generationConfig: expected an object")]
    [InlineData("\"generationConfig\":{\"candidateCount\":2}", "generationConfig.candidateCount: only 1 is supported")]
    [InlineData("\"generationConfig\":{\"maxOutputTokens\":0}", "generationConfig.maxOutputTokens: must be at least 1")]
    [InlineData("\"generation_config\":{\"max_output_tokens\":\"many\"}", "generation_config.max_output_tokens: expected an integer")]
    [InlineData("\"generationConfig\":{\"temperature\":3}", "generationConfig.temperature: must be between 0 and 2")]
    [InlineData("\"generationConfig\":{\"topP\":1.5}", "generationConfig.topP: must be between 0 and 1")]
    [InlineData("\"generationConfig\":{\"topK\":0.5}", "generationConfig.topK: expected an integer")]
    [InlineData("\"generationConfig\":{\"stopSequences\":[\"a\",1]}", "generationConfig.stopSequences[1]: expected a string")]
    [InlineData("\"generationConfig\":{\"responseMimeType\":\"text/x.enum\"}", "generationConfig.responseMimeType: 'text/x.enum' is not supported: text/plain or application/json")]
    [InlineData("\"generationConfig\":{\"responseModalities\":[\"TEXT\",\"IMAGE\"]}", "generationConfig.responseModalities[1]: 'IMAGE' is not supported: the model answers with text")]
    [InlineData("\"generationConfig\":{\"responseSchema\":\"x\"}", "generationConfig.responseSchema: expected an object")]
    [InlineData("\"generationConfig\":{\"thinkingConfig\":{\"thinkingBudget\":-2}}", "generationConfig.thinkingConfig.thinkingBudget: must be at least -1")]
    [InlineData("\"generationConfig\":{\"thinkingConfig\":{\"thinkingLevel\":\"EXTREME\"}}", "generationConfig.thinkingConfig.thinkingLevel: 'EXTREME' is not one of MINIMAL, LOW, MEDIUM, HIGH")]
    [InlineData("\"generationConfig\":{\"thinking_config\":{\"include_thoughts\":1}}", "generationConfig.thinking_config.include_thoughts: expected a boolean")]
    public void Generation_settings_of_the_wrong_shape_are_refused_at_their_path(string fields, string problem)
    {
        Assert.Equal(problem, Problem(Hi(fields)));
    }
}
