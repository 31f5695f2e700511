FROM golang:1.21-bookworm
WORKDIR /src
COPY . .
ENV CGO_ENABLED=1
RUN go build -trimpath -o app ./cmd/app
USER 1000
ENTRYPOINT ["./app"]
