const { OpenAI } = require("openai");

module.exports = new OpenAI();
