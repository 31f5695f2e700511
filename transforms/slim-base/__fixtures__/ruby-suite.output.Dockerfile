FROM ruby:3.2-slim-bookworm
COPY hello.rb /hello.rb
CMD ["ruby", "/hello.rb"]
