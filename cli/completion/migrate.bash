# bash completion for build/bin/migrate (docs/cli.md). Install: copy to
# /usr/share/bash-completion/completions/migrate, or `source` it.
_migrate() {
    local cur prev words cword
    _init_completion 2>/dev/null || {
        cur=${COMP_WORDS[COMP_CWORD]}
        prev=${COMP_WORDS[COMP_CWORD - 1]}
        words=("${COMP_WORDS[@]}")
        cword=$COMP_CWORD
    }
    local commands="init revision merge upgrade downgrade stamp current heads branches history show check"
    local global="-h --help -c --config -n --name -x --url --raiseerr"
    case $prev in
        -c | --config) COMPREPLY=($(compgen -f -X '!*.ini' -- "$cur") $(compgen -d -- "$cur")); return ;;
        -n | --name)
            local ini=migrate.ini i
            for ((i = 1; i < cword; i++)); do
                [[ ${words[i]} == -c || ${words[i]} == --config ]] && ini=${words[i + 1]}
            done
            [[ -f $ini ]] || ini=alembic.ini
            [[ -f $ini ]] && COMPREPLY=($(compgen -W "$(sed -n 's/^\[\(.*\)\]\s*$/\1/p' "$ini")" -- "$cur"))
            return ;;
        -x | --url | -m | --message | --rev-id | --branch-label | -r | --rev-range) return ;;
    esac
    local command="" i
    for ((i = 1; i < cword; i++)); do
        case ${words[i]} in
            -c | --config | -n | --name | -x | --url) ((i++)) ;;
            -*) ;;
            *) command=${words[i]}; break ;;
        esac
    done
    local options=""
    case $command in
        "") COMPREPLY=($(compgen -W "$commands $global" -- "$cur")); return ;;
        init) COMPREPLY=($(compgen -d -- "$cur")); return ;;
        revision) options="-m --message --autogenerate --head --splice --branch-label --depends-on --rev-id" ;;
        merge) options="-m --message --branch-label --rev-id heads" ;;
        upgrade) options="--sql -v --verbose head heads" ;;
        downgrade) options="--sql -v --verbose base -1" ;;
        stamp) options="--sql --purge -v --verbose head heads base" ;;
        current) options="-v --verbose" ;;
        heads) options="-v --verbose --resolve-dependencies" ;;
        branches) options="-v --verbose" ;;
        history) options="-r --rev-range -v --verbose -i --indicate-current" ;;
        show) options="head heads base current" ;;
    esac
    COMPREPLY=($(compgen -W "$options -h --help" -- "$cur"))
}
complete -F _migrate migrate
