module github.com/acme/ranker

go 1.22

require (
	github.com/sashabaranov/go-openai v1.28.2
	github.com/openai-like/client v0.1.0
)
