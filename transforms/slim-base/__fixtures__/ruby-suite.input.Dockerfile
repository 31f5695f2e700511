FROM ruby:3.2-bookworm
COPY hello.rb /hello.rb
CMD ["ruby", "/hello.rb"]
