FROM golang:%%GO_VERSION%%
WORKDIR /app
COPY . .
RUN go build -o /usr/local/bin/app .
CMD ["app"]
