module github.com/acme/ranker

go 1.22

require github.com/anthropics/anthropic-sdk-go v0.2.0

require (
	github.com/google/uuid v1.6.0
	github.com/sashabaranov/go-openai v1.28.2 // indirect
)

replace github.com/google/uuid => ../uuid
