FROM golang:1.22
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.cache/go-build CGO_ENABLED=0 go build -ldflags="-s -w" -o /out/api ./cmd/api
EXPOSE 9000
CMD ["/out/api"]
