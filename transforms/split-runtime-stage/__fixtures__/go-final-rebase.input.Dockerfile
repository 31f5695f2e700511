FROM golang:1.21 AS builder
WORKDIR /src
COPY . .
ENV CGO_ENABLED=0
RUN go build -o /out/server ./cmd/server

# runtime
FROM golang:1.21
WORKDIR /app
COPY --from=builder /out/server /app/server
COPY config.yaml ./
EXPOSE 8080
CMD /app/server --config config.yaml
